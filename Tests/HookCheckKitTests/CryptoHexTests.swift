import HookCheckKit
import Testing

@Suite("Crypto: Hex")
struct CryptoHexTests {
    @Test("Encoding in both cases", arguments: [
        ([UInt8](), "", ""),
        ([0x00], "00", "00"),
        ([0x01, 0xAB, 0xFF], "01abff", "01ABFF"),
        ([0xDE, 0xAD, 0xBE, 0xEF, 0x10], "deadbeef10", "DEADBEEF10"),
    ])
    func encode(input: [UInt8], lower: String, upper: String) {
        #expect(Hex.encode(input) == lower)
        #expect(Hex.encode(input, uppercase: true) == upper)
        #expect(Hex.decode(lower) == input)
        #expect(Hex.decode(upper) == input)
    }

    @Test("Round trip of every byte value, mixed case accepted")
    func roundTrip() {
        let everyByte = (0...255).map { UInt8($0) }
        #expect(Hex.decode(Hex.encode(everyByte)) == everyByte)
        #expect(Hex.decode(Hex.encode(everyByte, uppercase: true)) == everyByte)
        #expect(Hex.decode("aBcD") == [0xAB, 0xCD])
        #expect(Hex.encode(everyByte) == hexString(everyByte))
    }

    @Test("Rejects odd length and non-hex characters", arguments: [
        "0", "abc", "0g", "g0", "zz", " 00", "00 ", "0x00", "-1", "+1", "é0", "0\n", "١٢",
    ])
    func rejects(input: String) {
        #expect(Hex.decode(input) == nil)
    }
}
