# ipvsadm: a drop-in replacement for ipvsadm 1.31.
# Run ./configure first (scripts/bootstrap makes it from configure.ac).

ifeq ($(wildcard config.mk),)
$(error config.mk is missing: run ./scripts/bootstrap && ./configure first)
endif
include config.mk

WARN     = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes
ALL_CFLAGS = -std=gnu11 $(WARN) $(CPPFLAGS) $(CFLAGS) $(SANITIZE_FLAGS) -D_GNU_SOURCE \
	-I. -Ilibipvs $(LIBNL_CFLAGS) $(POPT_CFLAGS) \
	-DVERSION_STRING='"$(PACKAGE_VERSION)"' -DRULES_FILE='"$(RULES_FILE)"'
ALL_LDFLAGS = $(LDFLAGS) $(SANITIZE_FLAGS)

# The parts, lowest first.  Each folder is one static library and may use
# only the parts before it (tests/layers checks the includes); ipvsadm.c
# alone sits on top.  The link lists them highest first, so a call from a
# lower part up into a higher one is left undefined and fails the link.
PARTS     = libipvs print cli save_restore live
PART_LIBS = libipvs/libipvs.a print/libprint.a cli/libcli.a \
	save_restore/libsaverestore.a live/liblive.a
LINK_LIBS = live/liblive.a save_restore/libsaverestore.a cli/libcli.a \
	print/libprint.a libipvs/libipvs.a
part_objs = $(patsubst %.c,%.o,$(sort $(wildcard $(1)/*.c)))
UNIT_SRCS = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS = $(UNIT_SRCS:.c=)
HDRS      = $(foreach p,$(PARTS),$(wildcard $(p)/*.h)) \
	$(wildcard tests/unit/*.h tests/unit/*.inc)

all: ipvsadm completion/ipvsadm.bash

%.o: %.c $(HDRS) config.mk
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

libipvs/libipvs.a: $(call part_objs,libipvs)
print/libprint.a: $(call part_objs,print)
cli/libcli.a: $(call part_objs,cli)
save_restore/libsaverestore.a: $(call part_objs,save_restore)
live/liblive.a: $(call part_objs,live)
$(PART_LIBS):
	rm -f $@ && $(AR) rcs $@ $^

ipvsadm: ipvsadm.o $(LINK_LIBS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(POPT_LIBS) $(LIBNL_LIBS)

tests/unit/%: tests/unit/%.c $(LINK_LIBS) $(HDRS)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LINK_LIBS) \
		$(POPT_LIBS) $(LIBNL_LIBS)

# The bash completion, from the binary's own option table.
completion/ipvsadm.bash: ipvsadm completion/ipvsadm.bash.in completion/gen-completion
	completion/gen-completion ./ipvsadm completion/ipvsadm.bash.in > $@.tmp && mv -f $@.tmp $@

completion: completion/ipvsadm.bash

unit: $(UNIT_BINS)

# Helpers the bats suites run inside the lab, built on the host (compiling in
# the emulated guest is slow): nsx (static: namespaces without dynamic execs)
# and the /proc/net/ip_vs_conn shim.  No sanitizers: they are test tools.
LABTOOLS = tests/bats/nsx tests/bats/fakeconn.so
labtools: $(LABTOOLS)
tests/bats/nsx: tests/bats/nsx.c
	$(CC) -std=gnu11 $(WARN) -O2 -static -o $@ $<
tests/bats/fakeconn.so: tests/bats/fakeconn.c
	$(CC) -std=gnu11 -O2 -shared -fPIC -o $@ $< -ldl
.PHONY: labtools

# Unit tests: no kernel needed.  First the layering rule and the docs' paths.
check: unit
	tests/layers
	tests/docs-check paths
	@set -e; for t in $(UNIT_BINS); do ./$$t; done

# libFuzzer targets (clang): FUZZ_SECONDS per target, default 60.
fuzz:
	tests/fuzz/run
.PHONY: fuzz

# ---- installation (man pages, boot helper, systemd unit) and dist ----
MAN_PAGES = man/ipvsadm.8 man/ipvsadm-save.8 man/ipvsadm-restore.8 \
	man/ipvsadm-boot.8
SCRIPTS   = save_restore/ipvsadm-save save_restore/ipvsadm-restore
GENERATED = save_restore/ipvsadm-boot systemd/ipvsadm.service \
	systemd/ipvsadm-metrics.service completion/ipvsadm.bash
COMPLETION_DIR = $(datarootdir)/bash-completion/completions

# The man pages describe both flavours; installed, they also say which one
# this build is and its two paths (the @DISTRO@, @RULES_FILE@ and
# @CONFIG_FILE@ of man/ipvsadm-boot.8).
SUBST_SED = -e 's|@RULES_FILE@|$(RULES_FILE)|g' -e 's|@DISTRO@|$(DISTRO)|g' \
	-e 's|@CONFIG_FILE@|$(CONFIG_FILE)|g' -e 's|@sbindir@|$(sbindir)|g'
MAN_SED = $(SUBST_SED)

save_restore/ipvsadm-boot: save_restore/ipvsadm-boot.in config.mk
	sed $(SUBST_SED) $< > $@.tmp && chmod 755 $@.tmp && mv -f $@.tmp $@

systemd/ipvsadm.service: systemd/ipvsadm.service.in config.mk
	sed $(SUBST_SED) $< > $@.tmp && mv -f $@.tmp $@

systemd/ipvsadm-metrics.service: systemd/ipvsadm-metrics.service.in config.mk
	sed $(SUBST_SED) $< > $@.tmp && mv -f $@.tmp $@

install: ipvsadm $(GENERATED)
	$(INSTALL) -d $(DESTDIR)$(sbindir) $(DESTDIR)$(mandir)/man8 \
		$(DESTDIR)$(SYSTEMD_UNIT_DIR)
	$(INSTALL) -m 755 ipvsadm $(DESTDIR)$(sbindir)/ipvsadm
	for f in $(SCRIPTS) save_restore/ipvsadm-boot; do \
		$(INSTALL) -m 755 $$f $(DESTDIR)$(sbindir)/ || exit 1; done
	for m in $(MAN_PAGES); do \
		sed $(MAN_SED) $$m > $(DESTDIR)$(mandir)/man8/$${m#man/} && \
		chmod 644 $(DESTDIR)$(mandir)/man8/$${m#man/} || exit 1; done
	$(INSTALL) -m 644 systemd/ipvsadm.service systemd/ipvsadm-metrics.service \
		systemd/ipvsadm-metrics.timer $(DESTDIR)$(SYSTEMD_UNIT_DIR)/
	$(INSTALL) -d $(DESTDIR)$(COMPLETION_DIR)
	$(INSTALL) -m 644 completion/ipvsadm.bash $(DESTDIR)$(COMPLETION_DIR)/ipvsadm

uninstall:
	rm -f $(DESTDIR)$(sbindir)/ipvsadm $(DESTDIR)$(sbindir)/ipvsadm-save \
		$(DESTDIR)$(sbindir)/ipvsadm-restore $(DESTDIR)$(sbindir)/ipvsadm-boot
	for m in $(MAN_PAGES); do rm -f $(DESTDIR)$(mandir)/man8/$${m#man/}; done
	rm -f $(DESTDIR)$(SYSTEMD_UNIT_DIR)/ipvsadm.service \
		$(DESTDIR)$(SYSTEMD_UNIT_DIR)/ipvsadm-metrics.service \
		$(DESTDIR)$(SYSTEMD_UNIT_DIR)/ipvsadm-metrics.timer
	rm -f $(DESTDIR)$(COMPLETION_DIR)/ipvsadm

# dist: the committed files plus a fresh ./configure, as a tarball.
# distcheck: build, test, install and uninstall that tarball elsewhere.
DISTNAME = ipvsadm-$(PACKAGE_VERSION)

dist:
	rm -rf $(DISTNAME) $(DISTNAME).tar.gz
	mkdir $(DISTNAME)
	git ls-files -z | xargs -0 cp --parents -t $(DISTNAME)
	cd $(DISTNAME) && ./scripts/bootstrap && rm -rf autom4te.cache
	tar -czf $(DISTNAME).tar.gz --owner=0 --group=0 $(DISTNAME)
	rm -rf $(DISTNAME)
	@echo "$(DISTNAME).tar.gz is ready"

distcheck: dist
	set -e; t=$$(mktemp -d "$${TMPDIR:-/tmp}/ipvsadm-distcheck.XXXXXX"); \
	trap 'rm -rf "$$t"' EXIT; \
	tar -xzf $(DISTNAME).tar.gz -C "$$t"; \
	cd "$$t/$(DISTNAME)"; \
	./configure --prefix=/usr --sbindir=/sbin >/dev/null; \
	$(MAKE) ipvsadm; \
	$(MAKE) check; \
	$(MAKE) install DESTDIR="$$t/inst"; \
	echo "installed:"; (cd "$$t/inst" && find . -type f | sort); \
	test -x "$$t/inst/sbin/ipvsadm"; \
	test -f "$$t/inst/usr/lib/systemd/system/ipvsadm.service"; \
	"$$t/inst/sbin/ipvsadm" -v; \
	$(MAKE) uninstall DESTDIR="$$t/inst"; \
	left=$$(cd "$$t/inst" && find . ! -type d); \
	if [ -n "$$left" ]; then echo "left after uninstall:" $$left; exit 1; fi; \
	$(MAKE) distclean; \
	echo "$(DISTNAME).tar.gz: distcheck passed"

clean:
	rm -f ipvsadm *.o $(foreach p,$(PARTS),$(p)/*.o) $(PART_LIBS) $(UNIT_BINS)
	rm -f $(GENERATED) $(LABTOOLS)

distclean: clean
	rm -rf config.mk config.log config.status autom4te.cache configure build-aux

.PHONY: all completion unit check install uninstall clean distclean dist distcheck
