MATCH (p:Person) WHERE p.id IN $ids
RETURN collect([p.id, p.givenName, p.familyName, p.nameKey]) AS people
