extension Duration {
    /// Whole milliseconds, for poll(2), libserialport and semaphore timeouts.
    public var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// Seconds as a floating-point number, for rates and comparisons with wall-clock steps.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
