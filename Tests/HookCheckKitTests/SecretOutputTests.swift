import Foundation
import Testing
@testable import HookCheckKit

@Suite("Secrets in output")
struct SecretOutputTests {
    @Test("the received token is hidden unless --show-secrets")
    func showSecrets() {
        let hidden = runCLI([], stdin: CLITests.valid)
        #expect(!hidden.out.contains("tok-123"))
        #expect(hidden.out.contains("--show-secrets shows it"))
        let shown = runCLI(["--show-secrets"], stdin: CLITests.valid)
        #expect(shown.out.contains("received  tok-123"))
        let json = runCLI(["--show-secrets", "--format", "json"], stdin: CLITests.valid)
        #expect(!json.out.contains("tok-123"), "records never carry secrets")
    }
}
