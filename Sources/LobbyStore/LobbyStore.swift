// LobbyStore: the append-only event log and compliance reports (GRDB on SQLite); see DESIGN.md
// "Event log". Filled by the event-log issue; until then this module is intentionally empty.
