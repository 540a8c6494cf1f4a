MATCH (d:SharingDecision) WHERE d.status IN $statuses RETURN count(d) AS n
