/// The version of nmt that `nmt --version` prints: major.minor.patch. The one place it is set.
public enum NMTVersion {
    public static let current = "0.9.0"
}
