/// curl's options, as `curl --help all` lists them in 7.88 and the 8.x manual adds
/// (docs/cmdline-opts/*.md in curl/curl: an `Arg:` line marks an option that takes a value).
/// Only which options exist and which take a value matters here: what an option does to the
/// request is CurlCommand's.
enum CurlOptions {
    /// Long names of the options that take a value.
    static let withValue: Set<String> = [
        "abstract-unix-socket", "alt-svc", "aws-sigv4", "cacert", "capath", "cert", "cert-type", "ciphers", "config",
        "connect-timeout", "connect-to", "continue-at", "cookie", "cookie-jar", "create-file-mode", "crlfile", "curves",
        "data", "data-ascii", "data-binary", "data-raw", "data-urlencode", "delegation", "dns-interface", "dns-ipv4-addr",
        "dns-ipv6-addr", "dns-servers", "doh-url", "dump-header", "ech", "egd-file", "engine", "etag-compare", "etag-save",
        "expect100-timeout", "form", "form-string", "ftp-account", "ftp-alternative-to-user", "ftp-method", "ftp-port",
        "ftp-ssl-ccc-mode", "happy-eyeballs-timeout-ms", "haproxy-clientip", "header", "help", "hostpubmd5",
        "hostpubsha256", "hsts", "interface", "ip-tos", "ipfs-gateway", "json", "keepalive-cnt", "keepalive-time", "key",
        "key-type", "knownhosts", "krb", "libcurl", "limit-rate", "local-port", "login-options", "mail-auth", "mail-from",
        "mail-rcpt", "max-filesize", "max-redirs", "max-time", "netrc-file", "noproxy", "oauth2-bearer", "output",
        "output-dir", "parallel-max", "pass", "pinnedpubkey", "preproxy", "proto", "proto-default", "proto-redir", "proxy",
        "proxy-cacert", "proxy-capath", "proxy-cert", "proxy-cert-type", "proxy-ciphers", "proxy-crlfile", "proxy-header",
        "proxy-key", "proxy-key-type", "proxy-pass", "proxy-pinnedpubkey", "proxy-service-name", "proxy-tls13-ciphers",
        "proxy-tlsauthtype", "proxy-tlspassword", "proxy-tlsuser", "proxy-user", "proxy1.0", "pubkey", "quote",
        "random-file", "range", "rate", "referer", "request", "request-target", "resolve", "retry", "retry-delay",
        "retry-max-time", "sasl-authzid", "service-name", "sigalgs", "socks4", "socks4a", "socks5", "socks5-gssapi-service",
        "socks5-hostname", "speed-limit", "speed-time", "ssl-sessions", "stderr", "telnet-option", "tftp-blksize",
        "time-cond", "tls-max", "tls13-ciphers", "tlsauthtype", "tlspassword", "tlsuser", "trace", "trace-ascii",
        "trace-config", "unix-socket", "upload-file", "upload-flags", "url", "url-query", "user", "user-agent", "variable",
        "vlan-priority", "write-out",
    ]

    /// Long names of the options without a value (a boolean one also takes a `--no-` prefix).
    static let flags: Set<String> = [
        "anyauth", "append", "basic", "ca-native", "cert-status", "compressed", "compressed-ssh", "create-dirs", "crlf",
        "digest", "disable", "disable-eprt", "disable-epsv", "disallow-username-in-url", "doh-cert-status", "doh-insecure",
        "dump-ca-embed", "epsv", "fail", "fail-early", "fail-with-body", "false-start", "follow", "form-escape",
        "ftp-create-dirs", "ftp-pasv", "ftp-pret", "ftp-skip-pasv-ip", "ftp-ssl-ccc", "ftp-ssl-control", "get", "globoff",
        "haproxy-protocol", "head", "http0.9", "http1.0", "http1.1", "http2", "http2-prior-knowledge", "http3",
        "http3-only", "ignore-content-length", "include", "insecure", "ipv4", "ipv6", "junk-session-cookies", "keepalive",
        "list-only", "location", "location-trusted", "mail-rcpt-allowfails", "manual", "metalink", "mptcp", "negotiate",
        "netrc", "netrc-optional", "next", "no-alpn", "no-buffer", "no-clobber", "no-keepalive", "no-npn",
        "no-progress-meter", "no-sessionid", "ntlm", "ntlm-wb", "out-null", "parallel", "parallel-immediate", "path-as-is",
        "post301", "post302", "post303", "progress-bar", "progress-meter", "proxy-anyauth", "proxy-basic",
        "proxy-ca-native", "proxy-digest", "proxy-http2", "proxy-insecure", "proxy-negotiate", "proxy-ntlm",
        "proxy-ssl-allow-beast", "proxy-ssl-auto-client-cert", "proxy-tlsv1", "proxytunnel", "raw", "remote-header-name",
        "remote-name", "remote-name-all", "remote-time", "remove-on-error", "retry-all-errors", "retry-connrefused",
        "sasl-ir", "show-error", "show-headers", "silent", "skip-existing", "socks5-basic", "socks5-gssapi",
        "socks5-gssapi-nec", "ssl", "ssl-allow-beast", "ssl-auto-client-cert", "ssl-no-revoke", "ssl-reqd",
        "ssl-revoke-best-effort", "sslv2", "sslv3", "styled-output", "suppress-connect-headers", "tcp-fastopen",
        "tcp-nodelay", "tftp-no-options", "tls-earlydata", "tlsv1", "tlsv1.0", "tlsv1.1", "tlsv1.2", "tlsv1.3",
        "tr-encoding", "trace-ids", "trace-time", "use-ascii", "verbose", "version", "xattr",
    ]

    /// Single-letter options and the long names they stand for.
    static let short: [UInt8: String] = {
        let pairs: [(Character, String)] = [
            ("a", "append"), ("A", "user-agent"), ("b", "cookie"), ("B", "use-ascii"), ("c", "cookie-jar"),
            ("C", "continue-at"), ("d", "data"), ("D", "dump-header"), ("e", "referer"), ("E", "cert"), ("f", "fail"),
            ("F", "form"), ("g", "globoff"), ("G", "get"), ("h", "help"), ("H", "header"), ("i", "include"), ("I", "head"),
            ("j", "junk-session-cookies"), ("J", "remote-header-name"), ("k", "insecure"), ("K", "config"),
            ("l", "list-only"), ("L", "location"), ("m", "max-time"), ("M", "manual"), ("n", "netrc"), ("N", "no-buffer"),
            ("o", "output"), ("O", "remote-name"), ("p", "proxytunnel"), ("P", "ftp-port"), ("q", "disable"),
            ("Q", "quote"), ("r", "range"), ("R", "remote-time"), ("s", "silent"), ("S", "show-error"),
            ("t", "telnet-option"), ("T", "upload-file"), ("u", "user"), ("U", "proxy-user"), ("v", "verbose"),
            ("V", "version"), ("w", "write-out"), ("x", "proxy"), ("X", "request"), ("y", "speed-time"),
            ("Y", "speed-limit"), ("z", "time-cond"), ("Z", "parallel"), ("0", "http1.0"), ("1", "tlsv1"), ("2", "sslv2"),
            ("3", "sslv3"), ("4", "ipv4"), ("6", "ipv6"), ("#", "progress-bar"), (":", "next"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { (UInt8(ascii: $0.0.unicodeScalars.first!), $0.1) })
    }()

    /// Options that change the request in ways not rebuilt, and what is missing then.
    static let notRebuilt: [String: String] = [
        "digest": "digest authentication answers a challenge from the server; the first request carries no Authorization",
        "ntlm": "NTLM authentication is a handshake; its headers are not rebuilt",
        "ntlm-wb": "NTLM authentication is a handshake; its headers are not rebuilt",
        "negotiate": "SPNEGO authentication is a handshake; its headers are not rebuilt",
        "anyauth": "curl first asks the server which authentication it wants; the first request carries none",
        "aws-sigv4": "the AWS Signature Version 4 headers are not computed",
        "proxy": "through a proxy the request line carries the whole URL; the request is rebuilt as sent directly",
        "preproxy": "through a proxy the request line carries the whole URL; the request is rebuilt as sent directly",
        "config": "options read from the config file are not applied",
        "time-cond": "the If-Modified-Since header is not rebuilt",
        "continue-at": "the Range header for resuming is not rebuilt",
        "tr-encoding": "the TE and Connection headers are not rebuilt",
        "variable": "curl variables are not expanded",
        "netrc": "credentials from .netrc are not applied",
        "netrc-file": "credentials from the .netrc file are not applied",
        "netrc-optional": "credentials from .netrc are not applied",
    ]
}
