package bank

import "unsafe"

func lessAddr(a, b *Account) bool { return uintptr(unsafe.Pointer(a)) < uintptr(unsafe.Pointer(b)) }
