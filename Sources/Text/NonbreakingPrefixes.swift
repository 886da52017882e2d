/// Words after which a period usually marks an abbreviation rather than the end of a sentence,
/// so the tokenizer leaves `Dr.` or `z.B.` whole. Matching is case-sensitive, as in Moses: after
/// lowercasing, `Mr.` no longer matches `Mr`, and the tokenizer falls back on its other rule
/// (a period followed by a lowercase word stays attached), which is what the Multi30k files show.
///
/// The lists are our own selection of common abbreviations per language, in the spirit of
/// Moses' nonbreaking_prefix files; `beforeNumber` entries (`No. 5`, `Art. 3`) only count when a
/// number follows.
struct NonbreakingPrefixes: Sendable {
    enum Kind: Sendable {
        case always
        case beforeNumber
    }

    private let entries: [String: Kind]

    init(always: [String], beforeNumber: [String] = []) {
        var entries: [String: Kind] = [:]
        for word in always { entries[word] = .always }
        for word in beforeNumber { entries[word] = .beforeNumber }
        self.entries = entries
    }

    func kind(of word: String) -> Kind? { entries[word] }

    /// The list of a language's rules; the generic rules use the English list, as Moses' tokenizer
    /// does for a language it has no list for.
    static func forRules(_ rules: LanguageRules) -> NonbreakingPrefixes {
        switch rules {
        case .english, .generic: return english
        case .german: return german
        case .french: return french
        case .czech: return czech
        }
    }

    /// Capital initials (`J. Smith`) are abbreviations in every language here.
    private static let capitals = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) }
    private static let smallLetters = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) }

    private static let english = NonbreakingPrefixes(
        always: capitals + """
            Adj Adm Adv Asst Bart Bldg Brig Bros Capt Cmdr Col Comdr Con Corp Cpl DR Dr Drs Ens
            Gen Gov Hon Hr Hosp Insp Lt MM MR MRS MS Maj Messrs Mlle Mme Mr Mrs Ms Msgr Op Ord
            Pfc Ph Prof Pvt Rep Reps Res Rev Rt Sen Sens Sfc Sgt Sr St Supt Surg
            Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
            v vs i.e e.g rev
            """.split(whereSeparator: \.isWhitespace).map(String.init),
        beforeNumber: ["No", "Nos", "Art", "Nr", "pp"]
    )

    /// German also keeps ordinals (`am 3. Mai`, `des 2. Stocks`) and single lowercase letters,
    /// since no German word ends in one.
    private static let german = NonbreakingPrefixes(
        always: capitals + smallLetters + (1...99).map(String.init) + """
            I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX
            Abb Abg Abk Abs Abt Adr Akad Anh Anl Anm Aufl Ausg Bd Bde Bsp Bzw Chr Co Dipl Dir Dr Dt
            Ebd Erg Fa Fam Frl Gebr Ges Gr Hbf Hg Hr Hrn Hrsg Inh Ing Jh Jhd Jr Kap Kfz Kl Kt Ltd
            Mio Mrd Mr Mrs Pfd Pkt Pkw Prof Red Reg Sen Sr St Std Str Tel Tsd Univ Vors
            Jan Feb Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez Mo Di Mi Do Fr Sa So
            bzw ca ebd evtl ff gegr ggf inkl max min rd sog usw vgl zzgl zit
            """.split(whereSeparator: \.isWhitespace).map(String.init),
        beforeNumber: ["Nr", "Nrn", "Art"]
    )

    /// French keeps the lowercase abbreviations of reference works (`p.` page, `s.` siècle,
    /// `art.` article, `vol.` volume).
    private static let french = NonbreakingPrefixes(
        always: capitals + """
            M MM Mme Mmes Mlle Mlles Mgr Me Dr Pr Vve St Ste
            janv févr avr juill sept oct nov déc
            art av bd boul cf chap coll env etc ex fig ibid id min max p pl s sec sq sqq suiv t
            tél v vol
            """.split(whereSeparator: \.isWhitespace).map(String.init),
        beforeNumber: ["No", "no", "Nos", "nos", "n°"]
    )

    /// Czech: academic titles, the abbreviations of everyday writing (`např.`, `tzv.`, `atd.`),
    /// the months that are not also words, and the field labels of dictionaries (`chem.`,
    /// `zool.`). Moses' list also has abbreviations that are common word forms (`bot` shoes,
    /// `aut` cars, `kol` wheels, `les` forest, `čas` time); they are left out, so a sentence that
    /// ends in one of those words loses its period to the tokenizer as any other sentence does.
    private static let czech = NonbreakingPrefixes(
        always: capitals + """
            Bc BcA Ing MgA Mgr MUDr MVDr JUDr PhDr RNDr PaedDr ThDr PharmDr DrSc CSc Ph.D DiS
            Dr Doc doc Prof prof ing dr
            apod atd atp cca čj č mj např popř př resp tj tzn tzv vč zejm zvl srov
            ml st sv p pí sl
            min sek tis mil mld str s kap obr tab odst písm roč vyd red
            ul tř čp
            úno bře kvě čvn čvc zář říj
            chem fyz hud zool geogr hist lat angl franc ital rus slov
            """.split(whereSeparator: \.isWhitespace).map(String.init)
    )
}
