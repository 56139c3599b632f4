/// The version `--version`, SARIF and `sign`'s User-Agent report.
public enum HookCheckVersion {
    public static let current = "0.1.0"
}
