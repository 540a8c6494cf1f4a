RETURN [id IN $ids WHERE NOT EXISTS { MATCH (:Organisation {id: id}) }] AS unknown
