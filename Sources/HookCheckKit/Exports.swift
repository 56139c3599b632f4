// Clients of HookCheckKit see the layers below it as one library.
@_exported import HookCheckCrypto
@_exported import HookCheckModel
