import Testing
@testable import TagKitText

@Suite struct PrintfFormatTests {
    @Test func roundsTheBinaryValueHalfToEven() {
        #expect(printfFixed(12.125, width: 6) == " 12.12")   // exactly representable: ties to even
        #expect(printfFixed(0.625, width: 6) == "  0.62")
        #expect(printfFixed(0.006250000000000001 * 100, width: 6) == "  0.63")
        #expect(printfFixed(100, width: 6) == "100.00")
        #expect(printfFixed(2.675) == "2.67")                  // 2.675 is 2.67499999… in binary
        #expect(printfFixed(1234.5, width: 3, precision: 1) == "1234.5")
    }
}
