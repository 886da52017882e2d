import Search
extension Translator.Options {
    /// A checkpoint's `translation` section as search options: what `nmt translate` and
    /// `nmt serve` use unless told otherwise.
    public init(_ translation: SearchSettings) {
        self.init()
        beamSize = translation.beam
        lengthPenalty = translation.lengthPenalty
        maxLengthRatio = translation.maxLengthRatio
        inputLimit = InputLengthLimit(translation)
    }
}
