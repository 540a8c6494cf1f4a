MATCH (s:ConsentSettings {name: 'consent'}) RETURN s.consentAge AS age
