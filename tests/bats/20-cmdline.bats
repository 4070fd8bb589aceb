#!/usr/bin/env bats
# Made by tests/cmdline/gen-bats.py from tests/cmdline/cases.txt: do not edit.
# Each case runs with the reference and with ours, each on an empty table;
# exit status, stdout, stderr and the resulting table must be identical.
# The cases are split between 20-cmdline.bats and 21-cmdline.bats.
# bats-jobs: cost 72

load helpers
load cmdline

setup() { :; }
teardown() { :; }

@test "cmdline cases 4-61: -A -t 10.0.0.1:80 -s rr ..." {
	compat_cases 4 5 6 10 15 20 22 25 26 27 30 35 40 43 44 45 50 55 60 61
}

@test "cmdline cases 65-150: -E -t 10.0.0.1:80 --pe sip ..." {
	compat_cases 65 66 70 75 80 85 90 95 100 105 110 115 120 125 130 135 139 140 145 150
}

@test "cmdline cases 155-190: -C -6 ..." {
	compat_cases 155 157 158 159 160 165 170 171 172 173 174 175 176 177 178 179 180 185 188 190
}

@test "cmdline cases 195-256: -L -f 5 ..." {
	compat_cases 195 200 203 204 205 206 207 208 210 215 217 220 225 230 235 240 245 250 255 256
}

@test "cmdline cases 260-330: -d -t 10.0.0.1:80 -r 10.0.0.2 --pe sip ..." {
	compat_cases 260 265 270 275 280 281 282 283 284 285 286 290 295 300 305 310 315 320 325 330
}

@test "cmdline cases 334-400: --set 10 20 30 --sort ..." {
	compat_cases 334 335 340 345 350 355 360 365 370 373 374 375 379 380 381 382 385 390 395 400
}

@test "cmdline cases 405-480: --stop-daemon master --timeout ..." {
	compat_cases 405 410 412 413 415 420 425 430 435 440 445 450 451 455 460 465 470 471 475 480
}

@test "cmdline cases 485-538: -Z --stats ..." {
	compat_cases 485 490 495 500 505 507 510 515 516 518 520 521 522 523 525 526 530 535 536 538
}

@test "cmdline cases 539-562: -A -t 10.0.0.1:80 -s lc ..." {
	compat_cases 539 540 541 542 543 544 545 546 547 548 549 550 551 552 553 554 555 558 560 562
}
