MERGE (s:ConsentSettings {name: 'consent'}) SET s.consentAge = $age
