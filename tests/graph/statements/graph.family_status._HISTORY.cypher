UNWIND $ids AS id
MATCH (f:Family {id: id})<-[:OF]-(a:FamilyAssessment)
MATCH (r:AssessmentRun {id: a.runId})
WITH id, a, r ORDER BY r.startedAt DESC, r.id
RETURN id, collect({a: a {.*}, r: r {.*}}) AS history
