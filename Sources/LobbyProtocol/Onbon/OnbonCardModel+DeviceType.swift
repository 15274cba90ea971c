import LobbyCore

extension OnbonCardModel {
    /// The two-byte device type of each model, as a card puts it in its answers' header
    /// (Onbon's 6th-generation manual).
    public var deviceType: UInt16 {
        switch self {
        case .bx6E1: 0x0174
        case .bx6E2: 0x0274
        case .bx6E3: 0x0374
        case .bx6E1X: 0x0474
        case .bx6E2X: 0x0574
        case .bx6Q1: 0x0166
        case .bx6Q2: 0x0266
        case .bx6Q3: 0x0366
        case .bx6Q2L: 0x0466
        case .bx6Q3L: 0x0566
        }
    }

    /// The model whose answers carry `deviceType`.
    public init?(deviceType: UInt16) {
        guard let model = Self.allCases.first(where: { $0.deviceType == deviceType }) else { return nil }
        self = model
    }
}
