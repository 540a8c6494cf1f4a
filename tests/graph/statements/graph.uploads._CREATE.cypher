MATCH (o:Organisation {id: $header.organisationId})
CREATE (u:Upload)
SET u = $header, u.id = $id, u.receivedAt = datetime(), u.status = $status,
    u.created = 0, u.updated = 0, u.unchanged = 0, u.loadedRows = 0
CREATE (u)-[:FROM]->(o)
WITH u
CALL (u) {
  UNWIND range(0, size($rejections) - 1) AS i
  WITH u, i, $rejections[i] AS r
  CREATE (x:UploadRejection {uploadId: u.id, ordinal: i, rowNumber: r.rowNumber, field: r.field,
                             code: r.code, message: r.message})-[:OF]->(u)
}
RETURN u {.*} AS u
