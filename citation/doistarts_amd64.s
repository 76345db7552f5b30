//go:build !purego

#include "textflag.h"

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-4
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	RET

// func doiStartsAVX2(b []byte, from, lim int, out []int, m *doiMasks) (n, next int)
//
// Each block of 64 starting positions p is compared three times: b[p]
// with '1', b[p+1] with '0' and b[p+2] with '.'. The set bits of the three
// masks ANDed are the "10." of the block. The first pass stores the mask of
// block k of the span in m.mask[k] and sets bit k of m.any when it is not
// 0: nothing in the loop, neither a branch nor the address of a store,
// depends on the text, so the CPU can run as far ahead as it likes (storing
// at a count of the blocks with a "10." made this pass 40% slower).
// The second pass takes the blocks with a "10." in order, turns their masks
// into positions and sifts them (see the Go declaration), without branches
// on the text but for the number of "10." in a block, while out has room
// for a whole block.
// CANDIDATES sets the bytes of R to 0xFF at the "10." among the 32
// positions from AX+p0 (p1 = p0+1, p2 = p0+2), using T and U.
// SPAN is doiSpan, ANY the offset of doiMasks.any (TestDOIMasksLayout).
#define SPAN 128
#define ANY 1024

#define CANDIDATES(p0, p1, p2, R, T, U) \
	VPCMPEQB p0(SI)(AX*1), Y1, R; \
	VPCMPEQB p1(SI)(AX*1), Y2, T; \
	VPCMPEQB p2(SI)(AX*1), Y3, U; \
	VPAND    T, R, R; \
	VPAND    U, R, R

TEXT ·doiStartsAVX2(SB), NOSPLIT, $0-88
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), BX
	MOVQ from+24(FP), AX // the start of the next block
	MOVQ lim+32(FP), R9
	MOVQ m+64(FP), DI // m.mask; m.any is at ANY
	XORQ CX, CX // the index of the next block
	XORQ R13, R13 // the bits of m.any being made
	SUBQ $71, BX // the last start of a block whose bytes and the eight after lie in b
	SUBQ $64, R9 // the last start of a block that ends by lim
	CMPQ R9, BX
	CMOVQLT R9, BX
	LEAQ (SPAN-1)*64(AX), R9 // the last start of a block in this span
	CMPQ R9, BX
	CMOVQLT R9, BX
	MOVL $0x31, DX // '1'
	MOVQ DX, X1
	VPBROADCASTB X1, Y1
	MOVL $0x30, DX // '0'
	MOVQ DX, X2
	VPBROADCASTB X2, Y2
	MOVL $0x2e, DX // '.'
	MOVQ DX, X3
	VPBROADCASTB X3, Y3

loop:
	CMPQ AX, BX
	JGT  searched
	CANDIDATES(0, 1, 2, Y4, Y5, Y6)
	CANDIDATES(32, 33, 34, Y7, Y8, Y9)
	VPMOVMSKB Y4, DX
	VPMOVMSKB Y7, R10
	SHLQ      $32, R10
	ORQ       R10, DX
	MOVQ      DX, (DI)(CX*8)
	NEGQ      DX // carry: DX != 0
	RCRQ      $1, R13 // into bit 63; after 64 blocks, block k is at bit k
	INCQ      CX
	ADDQ      $64, AX
	TESTQ     $63, CX
	JNZ       loop
	MOVQ      CX, R10
	SHRQ      $3, R10
	MOVQ      R13, ANY-8(DI)(R10*1) // m.any[CX/64-1]
	JMP       loop

searched:
	VZEROUPPER
	MOVQ AX, next+80(FP) // where to search on, unless out fills
	MOVQ CX, R10
	ANDQ $63, R10
	JZ   stored
	MOVQ CX, R12 // the last word of m.any holds R10 blocks
	MOVQ $64, CX
	SUBQ R10, CX
	SHRQ CX, R13
	MOVQ R12, CX
	MOVQ CX, R10
	SHRQ $6, R10
	MOVQ R13, ANY(DI)(R10*8)
	ADDQ $63, CX

stored:
	SHRQ $6, CX // the words of m.any

	// The second pass: the blocks with a "10." in order, from the words
	// of m.any (R10: the next word, R9: the bits left of the word before);
	// their "10." written to out at R11, each position p sifted. Every p
	// has p+8 <= len(b).
	MOVQ out_base+40(FP), BX
	MOVQ out_len+48(FP), R15
	SUBQ $24, R15 // doiBlockRoom: the most positions written before a block
	LEAQ ·doiPrefixBits(SB), R8
	XORQ R10, R10
	XORQ R11, R11
	XORQ R9, R9

word:
	TESTQ R9, R9
	JNZ   block
	CMPQ  R10, CX
	JGE   sifted
	MOVQ  ANY(DI)(R10*8), R9
	INCQ  R10
	JMP   word

block:
	TZCNTQ R9, AX
	BLSRQ  R9, R9
	MOVQ   R10, R12
	SHLQ   $6, R12
	LEAQ   -64(AX)(R12*1), AX // k: R10 was incremented
	MOVQ   (DI)(AX*8), DX // the mask
	SHLQ   $6, AX
	ADDQ   from+24(FP), AX // the start of the block
	CMPQ   R11, R15
	JGT    full

sift:
	TZCNTQ  DX, R12
	ADDQ    AX, R12 // p
	BLSRQ   DX, DX
	MOVQ    R12, (BX)(R11*8)
	CMPQ    R12, $3
	JLT     kept // too near the start to look 3 bytes back
	MOVL    3(SI)(R12*1), R13 // b[p+3:p+7]
	LEAL    0x46464646(R13), R14
	ORL     R13, R14
	SUBL    $0x30303030, R13
	ORL     R13, R14
	ANDL    $0x80808080, R14 // not all digits
	MOVBLZX 7(SI)(R12*1), R13
	MOVBLZX (R8)(R13*1), R13
	NOTL    R13
	ANDL    $2, R13 // or b[p+7] cannot follow them (not doiAfter4Bit)
	ORL     R13, R14
	MOVBLZX -1(SI)(R12*1), R13
	MOVBLZX (R8)(R13*1), R13
	CMPB    -3(SI)(R12*1), $0x25
	SETNE   R12 // and does not end a percent escape (in bit 0 of R12)
	ANDL    R12, R13 // or b[p-1] is a digit or '.' (doiRunBit, bit 0)
	ANDL    $1, R13
	ORL     R13, R14
	CMPL    R14, $1 // carry when 0: keep
	ADCQ    $0, R11
	TESTQ   DX, DX
	JNZ     sift
	JMP     word

kept:
	INCQ  R11
	TESTQ DX, DX
	JNZ   sift
	JMP   word

full:
	MOVQ AX, next+80(FP) // the start of the first block not sifted

sifted:
	MOVQ R11, n+72(FP)
	RET

// The tables of doiClass32. A byte's class bits are the AND of an entry
// for its low nibble and one for its high nibble, each bit standing for
// the bytes with some high nibbles and some low nibbles: bits 0 to 4 make
// up doiClassPlain ('@' to 'O' and '`' to 'o'; "$*+-/"; digits and '=';
// 'P' to 'Z', '^' and '_'; 'p' to 'z', '|' and '~'), bits 5 and 6
// doiClassTrail ('!' and '.'; ':' and ';'), and a byte with none is of
// class 0. VPSHUFB looks up each 128-bit lane on its own, so each table is
// written twice. TestDOIClass32 checks them against doiClass.
DATA doiNibLo<>+0x00(SB)/8, $0x1d1d1d1f1d1d3d1d
DATA doiNibLo<>+0x08(SB)/8, $0x0b390711435b1d1d
DATA doiNibLo<>+0x10(SB)/8, $0x1d1d1d1f1d1d3d1d
DATA doiNibLo<>+0x18(SB)/8, $0x0b390711435b1d1d
GLOBL doiNibLo<>(SB), RODATA|NOPTR, $32
DATA doiNibHi<>+0x00(SB)/8, $0x1001080144220000
DATA doiNibHi<>+0x08(SB)/8, $0x0000000000000000
DATA doiNibHi<>+0x10(SB)/8, $0x1001080144220000
DATA doiNibHi<>+0x18(SB)/8, $0x0000000000000000
GLOBL doiNibHi<>(SB), RODATA|NOPTR, $32
DATA doiNib0F<>+0x00(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA doiNib0F<>+0x08(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA doiNib0F<>+0x10(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA doiNib0F<>+0x18(SB)/8, $0x0f0f0f0f0f0f0f0f
GLOBL doiNib0F<>(SB), RODATA|NOPTR, $32
DATA doiNib1F<>+0x00(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA doiNib1F<>+0x08(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA doiNib1F<>+0x10(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA doiNib1F<>+0x18(SB)/8, $0x1f1f1f1f1f1f1f1f
GLOBL doiNib1F<>(SB), RODATA|NOPTR, $32

// func doiClass32AVX2(p *byte) (plain, other uint32)
TEXT ·doiClass32AVX2(SB), NOSPLIT, $0-16
	MOVQ         p+0(FP), SI
	VMOVDQU      (SI), Y0
	VMOVDQU      doiNib0F<>(SB), Y6
	VPSRLW       $4, Y0, Y1
	VPAND        Y6, Y0, Y0 // low nibbles
	VPAND        Y6, Y1, Y1 // high nibbles
	VMOVDQU      doiNibLo<>(SB), Y2
	VPSHUFB      Y0, Y2, Y2
	VMOVDQU      doiNibHi<>(SB), Y3
	VPSHUFB      Y1, Y3, Y3
	VPAND        Y2, Y3, Y3 // class bits
	VPXOR        Y4, Y4, Y4
	VPCMPEQB     Y4, Y3, Y4 // class 0
	VPCMPGTB     doiNib1F<>(SB), Y3, Y5 // doiClassTrail: above 0x1f
	VPMOVMSKB    Y4, AX
	VPMOVMSKB    Y5, BX
	VZEROUPPER
	ORL          AX, BX
	NOTL         BX
	MOVL         BX, plain+8(FP)
	MOVL         AX, other+12(FP)
	RET
