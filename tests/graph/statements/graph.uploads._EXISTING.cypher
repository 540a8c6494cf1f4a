UNWIND $keys AS key
MATCH (s:SourceRecord {sourceKey: key})
RETURN collect({key: key, sha: s.rowSha256}) AS rows
