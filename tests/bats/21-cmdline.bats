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

@test "cmdline cases 563-592: -A -t 10.0.0.1:80 -s rr -b flag-1,,flag-2 ..." {
	compat_cases 563 564 565 567 568 570 572 574 575 577 580 582 583 584 585 586 588 589 590 592
}

@test "cmdline cases 595-640: -A -f 1x ..." {
	compat_cases 595 597 599 600 601 605 610 615 620 623 624 625 626 629 630 631 635 636 638 640
}

@test "cmdline cases 641-679: -a -t 10.0.0.1:80 -r 10.0.0.2 -x 10 -y 20 ..." {
	compat_cases 641 645 646 647 649 650 652 653 654 655 659 660 661 665 670 673 675 676 678 679
}

@test "cmdline cases 680-706: -L -c --persistent-conn ..." {
	compat_cases 680 685 686 687 690 691 692 693 694 695 696 697 698 699 700 702 703 704 705 706
}

@test "cmdline cases 707-745: -L --connection ..." {
	compat_cases 707 710 712 714 715 718 720 722 725 727 728 730 731 732 735 736 739 740 741 745
}

@test "cmdline cases 746-786: --start-daemon master --mcast-port 1 ..." {
	compat_cases 746 747 750 751 753 755 756 760 765 770 775 777 779 780 781 782 783 784 785 786
}

@test "cmdline cases 787-814: -a -t 10.0.0.1:80 -r10.0.0.2 -mw3 ..." {
	compat_cases 787 788 789 790 791 792 793 794 795 796 797 798 799 800 801 802 803 805 810 814
}

@test "cmdline cases 815-836: -L -t 10.0.0.1:80 --persistent-conn ..." {
	compat_cases 815 816 817 818 819 820 823 824 825 826 827 828 829 830 831 832 833 834 835 836
}

@test "cmdline cases 837-842: -a -t 10.0.0.1:80 -r 10.0.0.2 -w 2147483647 ..." {
	compat_cases 837 839 840 841 842
}
