MATCH (d:SharingDecision {id: $id}) SET d._lock = true REMOVE d._lock
