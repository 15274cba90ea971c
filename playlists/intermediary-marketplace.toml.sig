# lobbyd detached signature of the playlist beside it (verify with `lobbyctl verify`)
algorithm = "ed25519"
key_id = "8bb83def0c8f83a8"
signature = "GsT/grcqj3uI6yuaWwUHZSeUZkfewap6QQrCCtnAFIZSM0W+piPMwJ4HJonZk8vkQZrLPR/WIFaYn1v/SkHwBQ=="
