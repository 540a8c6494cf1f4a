MATCH ()-[r:RELATED_TO {id: $id}]->()
RETURN r.createdBy = $userId OR $organisationId IN CASE
  WHEN r.createdByOrganisation IS NULL
  THEN [(:User {id: r.createdBy})-[:WORKS_FOR]->(o:Organisation) | o.id]
  ELSE [r.createdByOrganisation]
END AS ours
