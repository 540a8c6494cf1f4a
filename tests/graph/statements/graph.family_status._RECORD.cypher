MATCH (r:AssessmentRun {id: $runId})
UNWIND $rows AS row
MATCH (f:Family {id: row.id})
SET f.status = row.status, f.statusFramework = r.framework,
    f.statusFrameworkVersion = r.frameworkVersion, f.statusReasons = row.reasons,
    f.statusAssessedAt = r.startedAt
MERGE (a:FamilyAssessment {key: r.id + '|' + f.id})
SET a.runId = r.id, a.status = row.status, a.previousStatus = row.previous,
    a.reasons = row.reasons, a.headlinesMet = row.headlines, a.evidenceCodes = row.codes,
    a.evidenceDates = row.dates
MERGE (f)<-[:OF]-(a)
