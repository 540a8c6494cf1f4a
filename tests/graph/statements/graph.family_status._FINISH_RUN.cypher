MATCH (r:AssessmentRun {id: $id})
SET r.finishedAt = $at, r.families = $families, r.byStatus = $byStatus, r.changed = $changed
