package main

import "context"

func (b *bench) payments(ctx context.Context) error { return nil }

func (b *bench) backfill(ctx context.Context) error { return nil }
func (b *bench) reaction(ctx context.Context) error { return nil }
func (b *bench) memory(ctx context.Context) error   { return nil }
