/// The optional sign and the decimal digits at the start of some bytes, read without a string:
/// the one piece of digit arithmetic behind `EventLog.integer` (SQLite's lenient
/// `CAST(… AS INTEGER)`) and `ChainAnchor.decimal` (Swift's strict `Int64(String)`).
struct LeadingDecimal {
    /// The value, or nil when the digits go past Int64's range.
    var value: Int64?
    var isNegative = false
    var digits = 0
    /// Bytes taken by the sign and the digits.
    var length = 0

    init(_ bytes: some Collection<UInt8>) {
        var rest = bytes[...]
        isNegative = rest.first == UInt8(ascii: "-")
        if isNegative || rest.first == UInt8(ascii: "+") {
            rest = rest.dropFirst()
            length = 1
        }
        var total: Int64? = 0
        for byte in rest {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { break }
            let digit = Int64(byte - UInt8(ascii: "0"))
            // Negative values are summed downwards, so that Int64.min is reached.
            total = total.flatMap { total in
                let (times, overflowed) = total.multipliedReportingOverflow(by: 10)
                let (sum, overflowedAgain) =
                    isNegative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                return overflowed || overflowedAgain ? nil : sum
            }
            digits += 1
        }
        length += digits
        value = total
    }
}
