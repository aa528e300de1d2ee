build-prof/read_cfjson.o: src/read_cfjson.c include/proxylint/reader.h \
 include/proxylint/diag.h include/proxylint/rule.h \
 include/proxylint/zone.h include/proxylint/util.h \
 include/proxylint/banned.h
include/proxylint/reader.h:
include/proxylint/diag.h:
include/proxylint/rule.h:
include/proxylint/zone.h:
include/proxylint/util.h:
include/proxylint/banned.h:
