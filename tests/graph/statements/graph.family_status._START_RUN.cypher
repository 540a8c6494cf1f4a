CREATE (r:AssessmentRun {id: $id, framework: $framework, frameworkVersion: $version,
                         asAt: $asAt, startedAt: $at, by: $by, byOrganisation: $organisation})
