// LobbyProtocol: controller drivers as pure byte encoders and decoders (Alpha first), behind the
// `Controller` seam; see DESIGN.md "Wire protocol" and protocol-docs/. Filled by the
// controller-link issue; until then this module is intentionally empty.
