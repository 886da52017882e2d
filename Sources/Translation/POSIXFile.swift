import Files

/// Configuration/ConfigurationText.swift reads the configuration through `Files.POSIXFile`. This
/// alias lets it do so without an `import Files` of its own while Configuration/ is reworked on
/// another branch (issue 15); once that file imports Files, delete this one.
typealias POSIXFile = Files.POSIXFile
