# lobbyd detached signature of the playlist beside it (verify with `lobbyctl verify`)
algorithm = "ed25519"
key_id = "8bb83def0c8f83a8"
signature = "nCUO/sVxvwPcmnjo+wn3LN3rtRSNPatuqSiE+XuLwYWM0eHlYDgbxtiJolkJEKNasKbcX3JSXtOjK47lsTW6Bg=="
