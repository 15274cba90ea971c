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
        let dayPart: PlaylistItem.DayPart = local.secondOfDay < 12 * 3600 ? .morning : .afternoon
        var rotation: [PlaylistStore.Slot] = []
        var verdict = policy.verdict(at: instant) {
            rotation = store.rotation(at: instant, dayPart: dayPart)
            if let first = rotation.first { return first.item.priority == .emergency ? .emergency : .playlists }
            rotation = fallback.rotation(at: instant, dayPart: dayPart)
            return rotation.isEmpty ? .none : .fallback
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
        forgetPlaylists(notIn: [store, fallback])
        var pages: [Frame] = []
        var items: [String] = []
        var itemPages: [(category: String, pages: Int)] = []
        var omitted = 0
        for slot in rotation {
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
        // Nothing fitted the sign's memory: on by rule, nothing to show.
        if pages.isEmpty { verdict.content = .none }
        return ScreenDecision(
            verdict: verdict, program: pages.isEmpty ? nil : SignProgram(pages: pages), items: items,
            itemPages: itemPages, omitted: omitted)
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
