MATCH (f:Family {id: $familyId}) SET f._lock = true REMOVE f._lock
