MATCH ()-[r:RELATED_TO {id: $id}]->() SET r._lock = true REMOVE r._lock
