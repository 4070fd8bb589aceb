# ipvsadm: a drop-in replacement for ipvsadm 1.31.
# Run ./configure first (scripts/bootstrap makes it from configure.ac).

ifeq ($(wildcard config.mk),)
$(error config.mk is missing: run ./scripts/bootstrap && ./configure first)
endif
include config.mk

WARN     = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes
ALL_CFLAGS = -std=gnu11 $(WARN) $(CFLAGS) $(SANITIZE_FLAGS) -D_GNU_SOURCE \
	-I. -Ilibipvs $(LIBNL_CFLAGS) $(POPT_CFLAGS) \
	-DVERSION_STRING='"$(PACKAGE_VERSION)"' -DRULES_FILE='"$(RULES_FILE)"'
ALL_LDFLAGS = $(LDFLAGS) $(SANITIZE_FLAGS)

LIB_SRCS  = $(sort $(wildcard libipvs/*.c))
LIB_OBJS  = $(LIB_SRCS:.c=.o)
CLI_SRCS  = $(sort $(wildcard cli/*.c) $(wildcard save_restore/*.c))
CLI_OBJS  = $(CLI_SRCS:.c=.o)
UNIT_SRCS = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS = $(UNIT_SRCS:.c=)
HDRS      = $(wildcard libipvs/*.h cli/*.h save_restore/*.h tests/unit/*.h)

all: ipvsadm

%.o: %.c $(HDRS) config.mk
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

libipvs/libipvs.a: $(LIB_OBJS)
	$(AR) rcs $@ $^

cli/libcli.a: $(CLI_OBJS)
	$(AR) rcs $@ $^

ipvsadm: ipvsadm.o cli/libcli.a libipvs/libipvs.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(POPT_LIBS) $(LIBNL_LIBS)

tests/unit/%: tests/unit/%.c cli/libcli.a libipvs/libipvs.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< cli/libcli.a libipvs/libipvs.a \
		$(POPT_LIBS) $(LIBNL_LIBS)

unit: $(UNIT_BINS)

# Unit tests: no kernel needed.
check: unit
	@set -e; for t in $(UNIT_BINS); do ./$$t; done

install: ipvsadm
	$(INSTALL) -d $(DESTDIR)$(sbindir) $(DESTDIR)$(mandir)/man8
	$(INSTALL) -m 755 ipvsadm $(DESTDIR)$(sbindir)/ipvsadm
	$(INSTALL) -m 755 save_restore/ipvsadm-save $(DESTDIR)$(sbindir)/ipvsadm-save
	$(INSTALL) -m 755 save_restore/ipvsadm-restore $(DESTDIR)$(sbindir)/ipvsadm-restore
	for m in man/*.8; do $(INSTALL) -m 644 $$m $(DESTDIR)$(mandir)/man8/; done

uninstall:
	rm -f $(DESTDIR)$(sbindir)/ipvsadm $(DESTDIR)$(sbindir)/ipvsadm-save \
		$(DESTDIR)$(sbindir)/ipvsadm-restore
	for m in man/*.8; do rm -f $(DESTDIR)$(mandir)/man8/$${m#man/}; done

clean:
	rm -f ipvsadm *.o libipvs/*.o libipvs/*.a cli/*.o cli/*.a save_restore/*.o $(UNIT_BINS)

distclean: clean
	rm -rf config.mk config.log config.status autom4te.cache configure build-aux

.PHONY: all unit check install uninstall clean distclean
