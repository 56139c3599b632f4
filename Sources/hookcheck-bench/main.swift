import Foundation
import HookCheckKit

// Benchmarks for `make bench`: throughput of the pipeline over a generated stream of Drift
// requests, and the wall time of one run of the release binary on one small file.

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func best(of runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs { fastest = min(fastest, try seconds(body)) }
    return fastest
}

func report(_ label: String, bytes: Int, seconds: Double) {
    let mb = Double(bytes) / 1_000_000
    print(label.padding(toLength: 44, withPad: " ", startingAt: 0)
          + String(format: "%8.1f MB/s  (%.1f MB in %.3f s)", mb / seconds, mb, seconds))
}

func maxResidentMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let arguments = CommandLine.arguments
let eventCount = arguments.count > 1 ? Int(arguments[1]) ?? 200_000 : 200_000
let binary = arguments.count > 2 ? arguments[2] : ".build/release/hookcheck"
let workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("hookcheck-bench-\(getpid())")
try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: workDirectory) }

// The corpus: a stream of Drift requests of several event types.
let corpus = BenchCorpus.driftStream(events: eventCount)
let corpusPath = workDirectory.appendingPathComponent("stream.http").path
_ = FileManager.default.createFile(atPath: corpusPath, contents: Data(corpus))
print("corpus: \(eventCount) Drift requests, \(String(format: "%.1f", Double(corpus.count) / 1e6)) MB, one stream")

// 1. Reading and parsing only.
let parseTime = try best(of: 3) {
    let reader = RequestReader(stream: try ByteStream.open(path: corpusPath), source: corpusPath)
    var tokens = 0
    while let request = try reader.next() {
        if case .success(let document) = JSONParser().parse(request.bodyStorage, range: request.bodyRange) {
            tokens &+= document.tokens.count
        }
    }
    precondition(tokens > 0)
}
report("read + parse", bytes: corpus.count, seconds: parseTime)

// 2. Parsing and schema validation of the bodies alone (no HTTP reading, no normalization).
let bodies: [[UInt8]] = try {
    let reader = RequestReader(stream: try ByteStream.open(path: corpusPath), source: corpusPath)
    var all: [[UInt8]] = []
    while let request = try reader.next() { all.append(request.body) }
    return all
}()
let bodyBytes = bodies.reduce(0) { $0 + $1.count }
let shapes = BenchCorpus.shapes
let bodyTime = best(of: 3) {
    var findings = 0
    for (position, body) in bodies.enumerated() {
        guard case .success(let document) = JSONParser().parse(body) else { preconditionFailure("corpus body must parse") }
        var validator = SchemaValidator(document: document, locate: { _ in SourcePosition(line: 1, column: 1) })
        validator.validate(0, against: shapes[position % shapes.count])
        findings += validator.findings.count
    }
    precondition(findings == 0, "corpus bodies must be valid")
}
report("parse + validate (bodies only)", bytes: bodyBytes, seconds: bodyTime)
// For profiling one phase: HOOKCHECK_BENCH_ONLY=bodies stops here.
if ProcessInfo.processInfo.environment["HOOKCHECK_BENCH_ONLY"] == "bodies" {
    try? FileManager.default.removeItem(at: workDirectory)
    exit(0)
}

// 3. Reading, parsing, detection, validation, normalization, token check.
var options = InspectOptions()
options.secrets = [SecretSource(label: "--secret", value: Array(BenchCorpus.token.utf8))]
let inspector = Inspector(options: options)
var invalid = 0
let validateTime = try best(of: 3) {
    let reader = RequestReader(stream: try ByteStream.open(path: corpusPath), source: corpusPath)
    invalid = 0
    while let request = try reader.next() {
        if !inspector.analyze(request).isValid { invalid += 1 }
    }
}
precondition(invalid == 0, "the generated corpus should be valid; \(invalid) requests were not")
report("read + parse + detect + validate", bytes: corpus.count, seconds: validateTime)

// 4. The same, rendered as NDJSON records.
let renderTime = try best(of: 3) {
    let reader = RequestReader(stream: try ByteStream.open(path: corpusPath), source: corpusPath)
    var out: [UInt8] = []
    let output = JSONOutput(pretty: false)
    var written = 0
    while let request = try reader.next() {
        output.serialize(inspector.analyze(request).recordValue, into: &out)
        out.append(0x0A)
        if out.count > 1 << 16 { written += out.count; out.removeAll(keepingCapacity: true) }
    }
    precondition(written + out.count > 0)
}
report("read + parse + detect + validate + render", bytes: corpus.count, seconds: renderTime)
print(String(format: "max resident memory so far: %.1f MB", maxResidentMB()))

// 4b. The same requests in a pcap of one keep-alive connection, read as a capture: reassembly and
// the request reader, against the request reader alone on the raw stream (the design asks for at
// least a third of its speed).
let pcap = PcapWriter.keepAlive(corpus)
let pcapPath = workDirectory.appendingPathComponent("stream.pcap").path
_ = FileManager.default.createFile(atPath: pcapPath, contents: Data(pcap))
let rawReadTime = try best(of: 3) {
    let count = try InputRequests.all(in: try ByteStream.open(path: corpusPath), source: corpusPath).count
    precondition(count == eventCount)
}
let pcapReadTime = try best(of: 3) {
    let count = try InputRequests.all(in: try ByteStream.open(path: pcapPath), source: pcapPath).count
    precondition(count == eventCount, "the pcap must hold every request")
}
report("read requests from the raw stream", bytes: corpus.count, seconds: rawReadTime)
report("read requests from a pcap of it", bytes: corpus.count, seconds: pcapReadTime)
print(String(format: "pcap reading at %.2f of the raw stream's speed (at least 0.33 expected)", rawReadTime / pcapReadTime))

// 5. The crypto core: SHA-256 and HMAC-SHA256 over 256 MB, fed in 1 MB pieces.
let chunk = [UInt8]((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
let cryptoBytes = 256 << 20
let shaTime = best(of: 3) {
    var hasher = SHA256()
    for _ in 0..<(cryptoBytes / chunk.count) { hasher.update(chunk) }
    precondition(hasher.finalize().count == 32)
}
report("SHA-256", bytes: cryptoBytes, seconds: shaTime)
let hmacTime = best(of: 3) {
    var mac = HMAC<SHA256>(key: Array("bench-secret".utf8))
    for _ in 0..<(cryptoBytes / chunk.count) { mac.update(chunk) }
    precondition(mac.finalize().count == 32)
}
report("HMAC-SHA256", bytes: cryptoBytes, seconds: hmacTime)

// RSA verification with the openssl-made test fixtures (run from the package root, as make bench does).
let rsaFixtures = "Tests/HookCheckKitTests/Fixtures/rsa"
for bits in [2048, 4096] {
    guard let pem = try? String(contentsOfFile: "\(rsaFixtures)/keys/rsa\(bits).spki.pem", encoding: .utf8),
          case .success(let key) = RSAPublicKey.parse(pem),
          let signature = FileManager.default.contents(atPath: "\(rsaFixtures)/signatures/rsa\(bits)-webhook-sha256.sig"),
          let message = FileManager.default.contents(atPath: "\(rsaFixtures)/messages/webhook.json") else {
        print("(RSA fixtures not found: run from the package root)")
        break
    }
    let rounds = 200
    let rsaTime = best(of: 3) {
        for _ in 0..<rounds {
            precondition(key.verifyPKCS1v15(signature: [UInt8](signature), message: [UInt8](message), hash: .sha256))
        }
    }
    print(String(format: "RSA-%d verify (PKCS#1 v1.5, SHA-256): %.3f ms each", bits, rsaTime / Double(rounds) * 1000))
}

// 6. lint, through the release binary: 2,000 small payload files, and the whole stream as one file.
if FileManager.default.isExecutableFile(atPath: binary) {
    let fixtures = workDirectory.appendingPathComponent("fixtures")
    try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
    var fixtureBytes = 0
    var fixturePaths: [String] = []
    for index in 0..<2000 {
        let body = Array(BenchCorpus.bodies[0].utf8)
        let path = fixtures.appendingPathComponent(String(format: "message-%04d.json", index)).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(body))
        fixtureBytes += body.count
        fixturePaths.append(path)
    }
    _ = try Spawn.run(binary, ["lint", fixtures.path])  // warm the page cache
    let lintFiles = try (0..<3).map { _ in try Spawn.run(binary, ["lint", "--vendor", "drift", fixtures.path]) }.min()!
    print(String(format: "lint, 2,000 small files: %.3f s wall, %.0f files/s, %.1f MB/s",
                 lintFiles, 2000 / lintFiles, Double(fixtureBytes) / 1e6 / lintFiles))
    let lintStream = try Spawn.run(binary, ["lint", "--quiet", corpusPath])
    print(String(format: "lint, one %.1f MB stream of %d requests: %.3f s wall, %.1f MB/s",
                 Double(corpus.count) / 1e6, eventCount, lintStream, Double(corpus.count) / 1e6 / lintStream))

    // The same check with check-jsonschema and an equivalent JSON Schema, when it is installed.
    if let peer = Spawn.which("check-jsonschema") {
        let schema = workDirectory.appendingPathComponent("new_message.schema.json").path
        _ = FileManager.default.createFile(atPath: schema, contents: Data(BenchCorpus.newMessageSchema.utf8))
        let one = try Spawn.run(peer, ["--schemafile", schema, fixturePaths[0]])
        let all = try Spawn.run(peer, ["--schemafile", schema] + fixturePaths)
        let oneOurs = try (0..<5).map { _ in try Spawn.run(binary, ["lint", fixturePaths[0]]) }.min()!
        print(String(format: "check-jsonschema: one file %.3f s, 2,000 files %.3f s; hookcheck: one file %.4f s, 2,000 files %.3f s",
                     one, all, oneOurs, lintFiles))
        print(String(format: "hookcheck is %.0fx faster on 2,000 files, %.0fx on one file", all / lintFiles, one / oneOurs))
    } else {
        print("(check-jsonschema is not installed: pip install check-jsonschema, for the side-by-side figure)")
    }
}

// 7. One small file through the release binary, as a user runs it.
let small = BenchCorpus.request(BenchCorpus.bodies[0])
let smallPath = workDirectory.appendingPathComponent("one.http").path
_ = FileManager.default.createFile(atPath: smallPath, contents: Data(small))
if FileManager.default.isExecutableFile(atPath: binary) {
    func runOnce() throws {
        _ = try Spawn.run(binary, [smallPath])
    }
    try runOnce()
    var times: [Double] = []
    for _ in 0..<30 { times.append(try seconds(runOnce)) }
    times.sort()
    print(String(format: "one small file (%d bytes), wall: median %.1f ms, best %.1f ms",
                 small.count, times[times.count / 2] * 1000, times[0] * 1000))
    // Memory of the binary over the whole stream: bounded by the largest request.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sh", "-c", "command -v /usr/bin/time >/dev/null && /usr/bin/time -f %M \(binary) --format ndjson \(corpusPath) 2>&1 >/dev/null | tail -1"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    if let kilobytes = Double(text) {
        print(String(format: "hookcheck --format ndjson over the stream: max resident %.1f MB", kilobytes / 1024))
    }
} else {
    print("(\(binary) not found: build it with 'swift build -c release' to time one small file)")
}
