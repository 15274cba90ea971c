# lobbyd detached signature of the playlist beside it (verify with `lobbyctl verify`)
algorithm = "ed25519"
key_id = "8bb83def0c8f83a8"
signature = "s/yomSfJktUEDsL2Opu9cmc/81feMPCxaAOib5uhc/UQvFIQLioYrkYHvyMRRHDDpFBfE0HC206XrEBASQvECQ=="
