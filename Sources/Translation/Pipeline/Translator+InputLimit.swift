extension Translator {
    /// The warning for the lines of `lines` that `settings.inputLimit` cuts or skips, or nil; the
    /// commands print it on standard error.
    public func overlongInputWarning(_ lines: [String]) -> String? {
        settings.inputLimit.warning(unitCounts: lines.map { codec.sourceUnits($0).count })
    }
}
