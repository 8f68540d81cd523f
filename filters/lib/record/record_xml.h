/* record_xml.h — the application record as an XML file (README, "The application
 * record"): what qb-check --record and the stage programs write, and what qb-report,
 * qb-render and the next stage read. */
#ifndef QB_RECORD_XML_H
#define QB_RECORD_XML_H

#include <stdio.h>

#include "record.h"

qb_status qb_record_write(const qb_record *r, FILE *out);
/* Read what qb_record_write wrote (a path, "-" = stdin) into r (initialised here;
 * released on failure). QB_ERR_FORMAT when it is not a record. */
qb_status qb_record_read(const char *path, qb_record *r);

#endif
