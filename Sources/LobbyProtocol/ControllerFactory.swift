import LobbyCore

/// The driver for the configured controller family (`[controller] driver`). The one place that
/// names a family: everything above LobbyProtocol (daemon, link, lobbyctl) holds an
/// `any Controller` made here, so adding a family is a new case here and a new driver beside
/// Alpha/, nothing above.
public enum ControllerFactory {
    public static func make(_ configuration: Configuration) throws(ControllerError) -> any Controller {
        switch configuration.controller.driver {
        case .alpha: try AlphaController(configuration: configuration)
        }
    }
}
