import LobbyCore

/// The driver for the configured controller family (`[controller] driver`). The one place that
/// names a family: everything above LobbyProtocol (daemon, link, lobbyctl) holds an
/// `any Controller` made here, so adding a family is a new case here and a new driver beside
/// Alpha/ and Onbon/, nothing above.
public enum ControllerFactory {
    public static func make(_ configuration: Configuration) throws(ControllerError) -> any Controller {
        switch configuration.controller.driver {
        case .alpha: try AlphaController(configuration: configuration)
        case .onbonBX: try OnbonController(configuration: configuration)
        }
    }

    /// A controller of family `driver` addressed to any card on the line, whatever
    /// `configuration` says (`lobbyctl probe`: the technician does not know the address yet).
    public static func makeForProbe(_ driver: ControllerDriver, _ configuration: Configuration) throws(ControllerError)
        -> any Controller
    {
        var probing = configuration
        probing.controller.driver = driver
        switch driver {
        case .alpha: probing.controller.address = "00"
        case .onbonBX:
            probing.controller.address = String(OnbonConstants.anyDevice)  // FFFE: any card
            probing.controller.model = probing.controller.model ?? .bx6E1
        }
        return try make(probing)
    }
}
