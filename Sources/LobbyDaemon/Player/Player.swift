import Foundation
import LobbyCore
import LobbyProtocol
import LobbyRender

/// What the screen must show at an instant, from the schedule and the accepted playlists.
/// Recomputed from the clock at every tick, never from what was shown before, so a restart,
/// a suspend or a clock jump converges within one tick (ARCHITECTURE.md "Time").
public struct ScreenDecision: Sendable {
    /// Lit or dark, why, and what kind of content: `ScreenPolicy`'s word.
    public var verdict: ScreenPolicy.Verdict
    /// `nil` when the screen must be dark (outside the windows, or nothing valid to show).
    public var program: SignProgram?
    /// Items in the rotation, `id#version#index`, for proof of play.
    public var items: [String]
    /// Category and page count of each item in `items`, in the same order.
    public var itemPages: [(category: String, pages: Int)]
    /// Valid items left out because the sign's memory holds no more pages.
    public var omitted: Int
    /// While the schedule keeps the screen dark: what the next opening will show, for the link
    /// to upload ahead, so that the screen lights at the boundary by a switch of a few bytes.
    public var staged: SignProgram?

    public init(
        verdict: ScreenPolicy.Verdict, program: SignProgram?, items: [String] = [],
        itemPages: [(category: String, pages: Int)] = [], omitted: Int = 0, staged: SignProgram? = nil
    ) {
        (self.verdict, self.program, self.items, self.itemPages) = (verdict, program, items, itemPages)
        (self.omitted, self.staged) = (omitted, staged)
    }

    public var state: ScreenState { verdict.state }
    /// The standing notice is shown because no playlist is valid.
    public var isFallback: Bool { verdict.content == .fallback }
}

/// Turns schedule + playlists into pages, with a render cache per item so that steady state
/// costs nothing. Owned by one task (the renderer holds a FreeType face).
///
/// The cache holds the pages of one version per playlist, and only of playlists still accepted:
/// a hall that publishes every day would otherwise keep every day's pages for ever (the soak
/// test measured 18 KB a day).
public final class Player {
    private let renderer: TextRenderer
    private let maximumPages: Int
    /// Per playlist id: the version whose pages are cached, and the pages of each item.
    private var cache: [String: (version: Int, items: [Int: [Frame]])] = [:]

    /// The rotation and its pages as last built, kept until the playlists change (their
    /// revisions), the part of the day changes, or the instant leaves `[from, until)`: a tick in
    /// steady state builds nothing, however many playlists are accepted.
    private struct Rotation {
        var store: UInt64
        var fallback: UInt64
        var dayPart: PlaylistItem.DayPart
        /// Emergency items operators cleared when it was built.
        var cleared: Set<String>
        var from: Date
        var until: Date?
        var slots: [PlaylistStore.Slot]
        var content: ScreenPolicy.Content
        /// What `slots` rendered to, once rendered.
        var shown: Shown?

        func holds(
            at instant: Date, store: PlaylistStore, fallback: PlaylistStore, dayPart: PlaylistItem.DayPart,
            cleared: Set<String>
        ) -> Bool {
            self.store == store.revision && self.fallback == fallback.revision && self.dayPart == dayPart
                && self.cleared == cleared && from <= instant && until.map { instant < $0 } ?? true
        }
    }
    private var rotation: Rotation?

    /// A rotation's pages, its items and their page counts, and the items left out.
    private typealias Shown = (
        program: SignProgram?, items: [String], itemPages: [(category: String, pages: Int)], omitted: Int
    )

    /// Rotations built since start (for tests: steady state builds none).
    public private(set) var rotationsBuilt = 0

    /// Pages held in the render cache.
    public var cachedPages: Int { cache.values.reduce(0) { $0 + $1.items.values.reduce(0) { $0 + $1.count } } }

    public init(renderer: TextRenderer, maximumPages: Int) {
        self.renderer = renderer
        self.maximumPages = maximumPages
    }

    /// What to show at `instant` as `policy` rules it: the rotation of `store`, or `fallback`'s
    /// when nothing in `store` is valid (a standing notice), a test pattern, or a dark screen.
    public func decide(
        at instant: Date, policy: ScreenPolicy, store: PlaylistStore, fallback: PlaylistStore = PlaylistStore()
    ) -> ScreenDecision {
        let local = policy.schedule.timeZone.localTime(of: instant)
        let dayPart = PlaylistItem.DayPart(at: local)
        let cleared = policy.steering.cleared
        var verdict = policy.verdict(at: instant) {
            rotation(at: instant, store: store, fallback: fallback, dayPart: dayPart, cleared: cleared).content
        }
        if let pattern = verdict.pattern {
            let pages = Frame.testPattern(pattern, width: renderer.width, height: renderer.height)
            return ScreenDecision(verdict: verdict, program: SignProgram(pages: pages), items: [])
        }
        guard verdict.isLit else {
            var dark = ScreenDecision(verdict: verdict, program: nil, items: [])
            if !verdict.state.isOn {
                dark.staged = policy.nextOpening(after: instant).flatMap {
                    decide(at: $0, policy: policy, store: store, fallback: fallback).program
                }
            }
            return dark
        }
        let shown = pages(of: instant, store: store, fallback: fallback, dayPart: dayPart, cleared: cleared)
        // Nothing fitted the sign's memory: on by rule, nothing to show.
        if shown.program == nil { verdict.content = .none }
        return ScreenDecision(
            verdict: verdict, program: shown.program, items: shown.items, itemPages: shown.itemPages,
            omitted: shown.omitted)
    }

    /// The rotation at `instant`: the one built before while it holds, else built anew.
    private func rotation(
        at instant: Date, store: PlaylistStore, fallback: PlaylistStore, dayPart: PlaylistItem.DayPart,
        cleared: Set<String>
    ) -> Rotation {
        if let rotation,
            rotation.holds(at: instant, store: store, fallback: fallback, dayPart: dayPart, cleared: cleared)
        {
            return rotation
        }
        rotationsBuilt += 1
        var slots = store.rotation(at: instant, dayPart: dayPart, cleared: cleared)
        var content: ScreenPolicy.Content = slots.first?.item.priority == .emergency ? .emergency : .playlists
        if slots.isEmpty {
            slots = fallback.rotation(at: instant, dayPart: dayPart)
            content = slots.isEmpty ? .none : .fallback
        }
        let until = [store.nextRotationChange(after: instant), fallback.nextRotationChange(after: instant)]
            .compactMap { $0 }.min()
        let built = Rotation(
            store: store.revision, fallback: fallback.revision, dayPart: dayPart, cleared: cleared, from: instant,
            until: until,
            slots: slots, content: content)
        rotation = built
        return built
    }

    /// The pages of the rotation at `instant`, rendered once per rotation.
    private func pages(
        of instant: Date, store: PlaylistStore, fallback: PlaylistStore, dayPart: PlaylistItem.DayPart,
        cleared: Set<String>
    ) -> Shown {
        var current = rotation(at: instant, store: store, fallback: fallback, dayPart: dayPart, cleared: cleared)
        if let shown = current.shown { return shown }
        forgetPlaylists(notIn: [store, fallback])
        var pages: [Frame] = []
        var items: [String] = []
        var itemPages: [(category: String, pages: Int)] = []
        var omitted = 0
        for slot in current.slots {
            let key = "\(slot.playlistID)#\(slot.version)#\(slot.index)"
            let framesForItem = frames(for: slot)
            guard pages.count + framesForItem.count <= maximumPages else {
                omitted += 1
                continue
            }
            pages += framesForItem
            items.append(key)
            itemPages.append((slot.item.category, framesForItem.count))
        }
        let shown = (pages.isEmpty ? nil : SignProgram(pages: pages), items, itemPages, omitted)
        current.shown = shown
        rotation = current
        return shown
    }

    private func frames(for slot: PlaylistStore.Slot) -> [Frame] {
        if let cached = cache[slot.playlistID], cached.version == slot.version, let frames = cached.items[slot.index] {
            return frames
        }
        // Validated content always renders; a failure here would be a bug, shown as a blank page.
        let frames =
            (try? renderer.pages(for: slot.item)) ?? [Frame(width: renderer.width, height: renderer.height)]
        if cache[slot.playlistID]?.version != slot.version { cache[slot.playlistID] = (slot.version, [:]) }
        cache[slot.playlistID]?.items[slot.index] = frames
        return frames
    }

    /// Drops the pages of playlists that are no longer accepted (replaced, expired or withdrawn).
    private func forgetPlaylists(notIn stores: [PlaylistStore]) {
        guard cache.keys.contains(where: { id in !stores.contains { $0.entries[id] != nil } }) else { return }
        cache = cache.filter { id, _ in stores.contains { $0.entries[id] != nil } }
    }
}
