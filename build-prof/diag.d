build-prof/diag.o: src/diag.c include/proxylint/diag.h \
 include/proxylint/rule.h include/proxylint/zone.h \
 include/proxylint/util.h include/proxylint/banned.h
include/proxylint/diag.h:
include/proxylint/rule.h:
include/proxylint/zone.h:
include/proxylint/util.h:
include/proxylint/banned.h:
