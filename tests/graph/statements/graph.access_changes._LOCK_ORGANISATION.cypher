MATCH (o:Organisation {id: $id}) SET o._lock = true REMOVE o._lock
