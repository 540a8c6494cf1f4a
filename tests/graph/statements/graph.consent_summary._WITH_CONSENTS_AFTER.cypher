MATCH (p:Person) WHERE p.id > $after AND EXISTS { (p)<-[:CONCERNS]-(:Consent) }
RETURN p.id AS id ORDER BY p.id LIMIT $limit
