MATCH (o:Organisation {id: $id})
RETURN coalesce(o.signedAgreement, false) AS signed, o.agreementKind AS kind,
       o.agreementVersion AS version, o.agreementSignedOn AS signedOn
