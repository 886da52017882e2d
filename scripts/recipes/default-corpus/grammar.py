"""How a clause is said in German and in English: noun phrases (NP), prepositional phrases
(PP) and clauses (Clause) are built by clauses.py and examples.py, and realised here with
the inflection tables of lexicon.py and each language's word order.

German phenomena the grammar covers (so a model must learn reordering and
agreement):

* gender (der/die/das) and case (nominative/accusative/dative) of articles,
  possessives (mein, dein, sein, ihr, unser), dieser/jeder, kein and pronouns;
* weak / mixed / strong adjective endings (der kleine Hund, ein kleiner Hund,
  kaltes Wasser, mit zwei kleinen Hunden, keine kleinen Hunde);
* plurals incl. umlaut plurals and the dative plural -n (den Kindern), weak
  masculine nouns (den Jungen, dem Studenten), the neuter das Mädchen;
* prepositions governing the dative (mit, zu, von, ...), the accusative (für,
  ohne, durch) and two-way prepositions (location -> dative, direction ->
  accusative: "auf dem Tisch" vs. "legt ... auf den Tisch"), contractions
  (im, ins, am, zum, zur, vom);
* verb conjugation by person/number in the present (incl. stem changes:
  sieht, liest, isst, hilft, fährt, läuft, mag, weiß), English simple and
  progressive present -> German present, English "will" + "tomorrow" ->
  German present;
* perfect tense with haben/sein + participle at the end (English simple past
  and present perfect both -> German Perfekt; sein/haben use the Präteritum
  war/hatte);
* modal verbs (können, müssen, wollen) with the infinitive at the end;
* separable verbs (ruft ... an, macht ... auf, holt ... ab, kauft ... ein;
  rejoined in verb-final position: "weil sie ihn anruft", "angerufen hat");
* verb-second inversion after fronted adverbs, time phrases, PPs and fronted
  subordinate clauses ("Heute liest die Frau ein Buch.", "Weil ..., schläft
  der Mann.");
* verb-final subordinate clauses (weil, dass, obwohl, wenn, während) and
  relative clauses (der/die/das/den/dem/denen) with the required commas;
* yes/no questions (verb first), wh-questions (wer/wen/wem/was/wo/wohin/
  warum/wann), negation with nicht and kein, dative objects (hilft dem Mann),
  dative-before-accusative order in ditransitives, coordination (und, aber).

To keep the German predictable from the English, every English word/construct
maps one way: "you" is always informal singular du/dich/dir/dein, "friend",
"teacher", ... always the masculine noun, "to the <place>" uses the preposition
that the German noun takes (zur Schule, in den Park), and so on.
"""

from lexicon import (ADJ_MIXED, ADJ_STRONG, ADJ_WEAK, BE_PAST, BE_PRES, CI, CONTRACT, DEF_ART, DIESER,
                     EIN_END, HABEN, JEDER, MODALS, PIDX, PREPS, PRONOUNS, REL_PRON, SEIN)

# ---------------------------------------------------------------------------
# Noun phrases
# ---------------------------------------------------------------------------


class NP:
    """kind: noun | pron | name | coord | wh"""

    def __init__(self, kind, **kw):
        self.kind = kind
        self.noun = None
        self.num = 'sg'
        self.det = None      # def indef kein poss this every num many bare
        self.poss = None     # (en, de stem)
        self.numw = None     # (en, de)
        self.adjs = []
        self.pron = None
        self.name = None
        self.parts = []
        self.rel = None      # (Clause, role) for a relative clause
        self.__dict__.update(kw)

    @property
    def person(self):
        if self.kind == 'pron':
            return PRONOUNS[self.pron][5]
        if self.kind == 'coord':
            return '3pl'
        if self.kind == 'noun':
            return '3sg' if self.num == 'sg' else '3pl'
        return '3sg'

    def has_tag(self, tags):
        if self.kind == 'noun':
            return bool(self.noun.tags & tags)
        if self.kind in ('pron', 'name', 'wh'):
            return 'P' in tags
        if self.kind == 'coord':
            return all(p.has_tag(tags) for p in self.parts)
        return False

    def lemma_keys(self):
        if self.kind == 'noun':
            return [self.noun.en]
        if self.kind == 'name':
            return [self.name]
        if self.kind == 'pron':
            return ['pron:' + PRONOUNS[self.pron][5]]
        if self.kind == 'coord':
            return [k for p in self.parts for k in p.lemma_keys()]
        return []

    def definite_like(self):
        """Definite enough to be negated with a following 'nicht'."""
        if self.kind in ('pron', 'name', 'coord'):
            return True
        return self.kind == 'noun' and self.det in ('def', 'poss', 'this')

    def indefinite_like(self):
        return self.kind == 'noun' and self.det in ('indef', 'bare')


def a_an(word):
    return 'an' if word[0].lower() in 'aeiou' else 'a'


def en_np(np, obj=False):
    if np.kind == 'pron':
        out = PRONOUNS[np.pron][1 if obj else 0]
    elif np.kind == 'name':
        out = np.name
    elif np.kind == 'coord':
        out = ' and '.join(en_np(p, obj) for p in np.parts)
    elif np.kind == 'wh':
        out = 'who'
    else:
        n = np.noun
        words = [a.en for a in np.adjs] + [n.en if np.num == 'sg' else n.en_pl]
        d = np.det
        if d == 'def':
            det = 'the'
        elif d == 'indef':
            det = a_an(words[0])
        elif d == 'kein':
            det = 'no'
        elif d == 'poss':
            det = np.poss[0]
        elif d == 'this':
            det = 'this' if np.num == 'sg' else 'these'
        elif d == 'every':
            det = 'every'
        elif d == 'num':
            det = np.numw[0]
        elif d == 'many':
            det = 'many'
        else:
            det = None
        out = ' '.join(([det] if det else []) + words)
    if np.rel:
        out += ' ' + en_rel(np)
    return out


def de_np(np, case, kein=False):
    """German NP in the given case.  kein=True turns an indefinite/bare NP into
    the kein-form (used under sentence negation)."""
    ci = CI[case]
    if np.kind == 'pron':
        return PRONOUNS[np.pron][2 + ci]
    if np.kind == 'name':
        return np.name
    if np.kind == 'coord':
        return ' und '.join(de_np(p, case) for p in np.parts)
    n = np.noun
    g = n.g if np.num == 'sg' else 'pl'
    d = np.det
    if kein and d in ('indef', 'bare'):
        d = 'kein'
    if d == 'def':
        det, table = DEF_ART[g][ci], ADJ_WEAK
    elif d == 'this':
        det, table = DIESER[g][ci], ADJ_WEAK
    elif d == 'every':
        det, table = JEDER[g][ci], ADJ_WEAK
    elif d == 'indef':
        det, table = 'ein' + EIN_END[g][ci], ADJ_MIXED
    elif d == 'kein':
        det, table = 'kein' + EIN_END[g][ci], ADJ_MIXED
    elif d == 'poss':
        det, table = np.poss[1] + EIN_END[g][ci], ADJ_MIXED
    elif d == 'num':
        det, table = np.numw[1], ADJ_STRONG
    elif d == 'many':
        det, table = ('viele', 'viele', 'vielen')[ci], ADJ_STRONG
    else:
        det, table = None, ADJ_STRONG
    words = [a.stem + table[g][ci] for a in np.adjs] + [n.de_form(np.num, case)]
    out = ' '.join(([det] if det else []) + words)
    if np.rel:
        out += ', ' + de_rel(np) + ','
    return out


# ---------------------------------------------------------------------------
# Prepositional phrases
# ---------------------------------------------------------------------------


class PP:
    def __init__(self, key, np=None, kind=None):
        self.key, self.np, self.kind = key, np, kind   # key 'home:loc'/'home:dir' special

    def en(self):
        if self.key == 'home:loc':
            return 'at home'
        if self.key == 'home:dir':
            return 'home'
        return PREPS[self.key][0] + ' ' + en_np(self.np, obj=True)

    def de(self):
        if self.key == 'home:loc':
            return 'zu Hause'
        if self.key == 'home:dir':
            return 'nach Hause'
        _, prep, case = PREPS[self.key]
        s = de_np(self.np, case)
        if self.np.kind == 'noun' and self.np.det == 'def' and not self.np.rel:
            first, rest = s.split(' ', 1)
            if (prep, first) in CONTRACT:
                return CONTRACT[(prep, first)] + ' ' + rest
        return prep + ' ' + s

    def lemma_keys(self):
        return self.np.lemma_keys() if self.np else []


# ---------------------------------------------------------------------------
# Clauses
# ---------------------------------------------------------------------------


class Clause:
    def __init__(self, **kw):
        self.verb = None
        self.tense = 'pres'     # pres prog fut past perf modal
        self.modal = None
        self.subj = None
        self.obj = None         # accusative NP
        self.dat = None         # dative NP
        self.pobj = None        # PP object (warten auf)
        self.pp = None          # adverbial PP
        self.pred = None        # Adj (copula) or PP (copula + location)
        self.neg = False
        self.time = None        # entry of TIMES
        self.freq = None        # entry of FREQS
        self.front = None       # 'time' | 'freq' | 'pp' | None
        self.to_form = False    # English "gives X to Y"
        self.__dict__.update(kw)

    def kein_target(self):
        """Which object turns into 'kein' under negation (None -> use nicht)."""
        if not self.neg:
            return None
        if self.obj is not None and self.obj.indefinite_like():
            return 'obj'
        if self.obj is None and self.dat is not None and self.dat.indefinite_like():
            return 'dat'
        return None


# ----- German


def de_verb(cl, person):
    """Return (finite, right-bracket list, separable prefix) for a clause."""
    v = cl.verb
    i = PIDX[person]
    t = cl.tense
    if t in ('pres', 'prog', 'fut'):
        return v.de_pres[i], [], v.prefix
    if t == 'past' and v.pret:
        return v.pret[i], [], ''
    if t in ('past', 'perf'):
        aux = SEIN if v.aux == 'sein' else HABEN
        return aux[i], [v.de_pp], ''
    if t == 'modal':
        return MODALS[cl.modal][1][i], [v.de_inf], ''
    raise ValueError(t)


def de_middle(cl, with_subj, gap=None):
    """Middle field: subject, pronoun objects, time, frequency, dative NP,
    accusative NP, nicht, PP/predicate."""
    items = []
    if with_subj:
        items.append(de_np(cl.subj, 'nom'))
    kt = cl.kein_target()
    if cl.obj is not None and gap != 'obj' and cl.obj.kind == 'pron':
        items.append(de_np(cl.obj, 'acc'))
    if cl.dat is not None and gap != 'dat' and cl.dat.kind == 'pron':
        items.append(de_np(cl.dat, 'dat'))
    if cl.time and cl.front != 'time':
        items.append(cl.time[1])
    if cl.freq and cl.front != 'freq':
        items.append(cl.freq[1])
    if cl.dat is not None and gap != 'dat' and cl.dat.kind != 'pron':
        items.append(de_np(cl.dat, 'dat', kein=(kt == 'dat')))
    # an indefinite object follows a location PP ("liest im Garten ein Buch"),
    # a definite one precedes it ("liest das Buch im Garten")
    pp_early = (cl.pp is not None and cl.pp.kind == 'loc' and gap != 'pp'
                and cl.front != 'pp' and cl.obj is not None and gap != 'obj'
                and cl.obj.kind == 'noun'
                and cl.obj.det in ('indef', 'bare', 'num', 'many', 'kein'))
    if pp_early:
        items.append(cl.pp.de())
    if cl.obj is not None and gap != 'obj' and cl.obj.kind != 'pron':
        items.append(de_np(cl.obj, 'acc', kein=(kt == 'obj')))
    if cl.neg and kt is None:
        items.append('nicht')
    if cl.pobj is not None:
        items.append(cl.pobj.de())
    if cl.pp is not None and gap != 'pp' and cl.front != 'pp' and not pp_early:
        items.append(cl.pp.de())
    if cl.pred is not None and gap != 'pred':
        items.append(cl.pred.de() if isinstance(cl.pred, PP) else cl.pred.pred)
    return items


def de_front_word(cl):
    if cl.front == 'time':
        return cl.time[1]
    if cl.front == 'freq':
        return cl.freq[1]
    if cl.front == 'pp':
        return cl.pp.de()
    return None


def de_v2(cl, prefield=None, person=None, gap=None, subj_in_prefield=None):
    """Verb-second clause.  prefield: string to put first (None -> subject or
    fronted adverbial)."""
    person = person or cl.subj.person
    fin, right, prefix = de_verb(cl, person)
    right = right + ([prefix] if prefix else [])
    if prefield is None:
        fw = de_front_word(cl)
        if fw is None:
            prefield = de_np(cl.subj, 'nom')
            with_subj = False
        else:
            prefield = fw
            with_subj = True
    else:
        with_subj = not subj_in_prefield
    words = [prefield, fin] + de_middle(cl, with_subj, gap) + right
    return ' '.join(words)


def de_v1(cl, gap=None, wh=None, subj_is_wh=False):
    """Verb-first (yes/no question) or wh + verb (wh-question)."""
    person = '3sg' if subj_is_wh else cl.subj.person
    fin, right, prefix = de_verb(cl, person)
    right = right + ([prefix] if prefix else [])
    words = ([wh] if wh else []) + [fin] + de_middle(cl, not subj_is_wh, gap) + right
    return ' '.join(words)


def de_vfinal(cl, intro, with_subj=True, gap=None, person=None):
    """Verb-final clause introduced by a conjunction or relative pronoun."""
    person = person or cl.subj.person
    fin, right, prefix = de_verb(cl, person)
    final = right + [prefix + fin]
    return ' '.join([intro] + de_middle(cl, with_subj, gap) + final)


def de_rel(np):
    cl, role = np.rel
    g = np.noun.g if np.num == 'sg' else 'pl'
    case = {'subj': 'nom', 'obj': 'acc', 'dat': 'dat'}[role]
    rp = REL_PRON[g][CI[case]]
    return de_vfinal(cl, rp, with_subj=(role != 'subj'),
                     gap=None if role == 'subj' else role,
                     person=np.person if role == 'subj' else None)


# ----- English


def en_vg(cl, person, question=False):
    """English verb group.  Returns (aux, rest) for questions (aux is fronted)
    or a flat list for declaratives."""
    v = cl.verb
    e = v.en
    t = cl.tense
    s3 = person == '3sg'
    neg = cl.neg
    freq = [cl.freq[0]] if (cl.freq and cl.front != 'freq') else []

    def main(form):
        return [e[form]] + ([v.particle] if v.particle else [])

    if v.frame == 'cop':
        if t == 'pres':
            aux = BE_PRES[person]
        elif t == 'past':
            aux = BE_PAST[person]
        else:  # fut
            aux = 'will'
        tail = ['be'] if t == 'fut' else []
        if question:
            return aux, tail
        return [aux] + (['not'] if neg else []) + freq + tail
    if t == 'pres':
        do = 'does' if s3 else 'do'
        if question:
            return do, main('base')
        if neg:
            return [do, 'not'] + main('base')
        return freq + main('s' if s3 else 'base')
    if t == 'prog':
        if question:
            return BE_PRES[person], main('ing')
        return [BE_PRES[person]] + (['not'] if neg else []) + main('ing')
    if t == 'fut':
        if question:
            return 'will', main('base')
        return ['will'] + (['not'] if neg else []) + main('base')
    if t == 'past':
        if question:
            return 'did', main('base')
        if neg:
            return ['did', 'not'] + main('base')
        return freq + main('past')
    if t == 'perf':
        has = 'has' if s3 else 'have'
        if question:
            return has, main('pp')
        return [has] + (['not'] if neg else []) + freq + main('pp')
    if t == 'modal':
        m = cl.modal
        if m == 'want':
            do = 'does' if s3 else 'do'
            if question:
                return do, ['want', 'to'] + main('base')
            if neg:
                return [do, 'not', 'want', 'to'] + main('base')
            return freq + (['wants', 'to'] if s3 else ['want', 'to']) + main('base')
        if question:
            return m, main('base')
        if neg:
            return ['cannot' if m == 'can' else m + ' not'] + main('base')
        return [m] + main('base')
    raise ValueError(t)


def en_tail(cl, gap=None):
    """Everything after the verb group: objects, PPs, predicate, time."""
    out = []
    if cl.verb.frame == 'ditr':
        if cl.to_form:
            if gap != 'obj':
                out.append(en_np(cl.obj, obj=True))
            out.append('to' if gap == 'dat' else 'to ' + en_np(cl.dat, obj=True))
        else:
            if gap != 'dat':
                out.append(en_np(cl.dat, obj=True))
            if gap != 'obj':
                out.append(en_np(cl.obj, obj=True))
    else:
        if cl.dat is not None and gap != 'dat':
            out.append(en_np(cl.dat, obj=True))
        if cl.obj is not None and gap != 'obj':
            out.append(en_np(cl.obj, obj=True))
    if cl.pobj is not None:
        out.append(cl.pobj.en())
    if cl.pred is not None and gap != 'pred':
        out.append(cl.pred.en() if isinstance(cl.pred, PP) else cl.pred.en)
    if cl.pp is not None and gap != 'pp' and cl.front != 'pp':
        out.append(cl.pp.en())
    if cl.time and cl.front != 'time':
        out.append(cl.time[0])
    return out


def en_front_word(cl):
    if cl.front == 'time':
        return cl.time[0]
    if cl.front == 'freq':
        return cl.freq[0]
    if cl.front == 'pp':
        return cl.pp.en()
    return None


def en_decl(cl, gap=None, subj_str=None, person=None, no_front=False):
    person = person or cl.subj.person
    words = []
    fw = None if no_front else en_front_word(cl)
    if fw:
        words.append(fw)
    words.append(subj_str if subj_str is not None else en_np(cl.subj))
    words += en_vg(cl, person)
    words += en_tail(cl, gap)
    return ' '.join(words)


def en_question(cl, wh=None, gap=None):
    aux, rest = en_vg(cl, cl.subj.person, question=True)
    words = ([wh] if wh else []) + [aux, en_np(cl.subj)] + rest + en_tail(cl, gap)
    return ' '.join(words)


def en_rel(np):
    cl, role = np.rel
    if role == 'subj':
        rp = 'who' if np.noun.tags & {'P'} else 'that'
        return ' '.join([rp] + en_vg(cl, np.person) + en_tail(cl))
    return 'that ' + en_decl(cl, gap=role)


# ---------------------------------------------------------------------------
# Sentences: capital and final punctuation
# ---------------------------------------------------------------------------


def cap(s):
    return s[0].upper() + s[1:]


def finish(s, end):
    s = s.replace(',,', ',').replace(', ,', ',')
    s = s.rstrip(',') + end
    s = s.replace(',' + end, end)
    return cap(s)
