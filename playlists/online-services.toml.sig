# lobbyd detached signature of the playlist beside it (verify with `lobbyctl verify`)
algorithm = "ed25519"
key_id = "8bb83def0c8f83a8"
signature = "OLaw8Klv8HKXIcVeSBIJtAgM2YfwBN9TxWJYsdJaD9Pt1ADhFJTx91SSy6+6O7dOo1coUk87iODVU7tmmbUoDw=="
