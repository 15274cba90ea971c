# lobbyd detached signature of the playlist beside it (verify with `lobbyctl verify`)
algorithm = "ed25519"
key_id = "8bb83def0c8f83a8"
signature = "yUH1UniMtMGv+hzMRjJRugDwVR5zC+AxqEk4ZKUx8/F7CL1djVFQvHkOuYvChYq3wxOopmyN25jBJQPSMr58Dg=="
